# PyTorch side of `pnpm bench inference`'s peer comparison: the same BERT encoder (same weights, read from the
# folder the bench wrote) in plain torch ops, eval mode, batches of 64, mean pooling + L2 normalization.
# Protocol: one JSON object per line on stdin, one per line on stdout.
#   {"folder": F, "texts": [...], "batch": 64} -> {"ready": true, "threads": n, "torch": version, "blas": library}
#   {"measure_ms": N}                           -> {"items": i, "seconds": s}   (whole batches for N ms)
#   {"embed": text}                             -> {"vector": [...]}
import json, math, os, sys
import torch
import torch.nn.functional as F

def load(folder):
    manifest = json.load(open(os.path.join(folder, "pytorch", "manifest.json")))
    raw = open(os.path.join(folder, "pytorch", "weights.bin"), "rb").read()
    flat = torch.frombuffer(bytearray(raw), dtype=torch.float32)
    tensors, offset = {}, 0
    for entry in manifest["tensors"]:
        n = math.prod(entry["shape"])
        tensors[entry["name"]] = flat[offset:offset + n].view(*entry["shape"])
        offset += n
    vocab = json.load(open(os.path.join(folder, "tokenizer.json")))["model"]["vocab"]
    return manifest["shape"], tensors, vocab

class Bert:
    def __init__(self, shape, t):
        self.shape, self.t = shape, t
    def ln(self, x, name):
        return F.layer_norm(x, (self.shape["hidden"],), self.t[name + ".weight"], self.t[name + ".bias"], 1e-12)
    def dense(self, x, name):
        return torch.addmm(self.t[name + ".bias"], x.reshape(-1, x.shape[-1]), self.t[name + ".weight"]).view(*x.shape[:-1], -1)
    def __call__(self, ids, mask):
        t, H, heads = self.t, self.shape["hidden"], self.shape["heads"]
        B, L = ids.shape
        d = H // heads
        x = t["embeddings.word"][ids] + t["embeddings.position"][:L] + t["embeddings.token_type"][0]
        x = self.ln(x, "embeddings.norm")
        add = ((1.0 - mask.to(torch.float32)) * -10000.0)[:, None, None, :]
        for l in range(self.shape["layers"]):
            p = f"layer{l}"
            q = self.dense(x, p + ".query").view(B, L, heads, d).transpose(1, 2)
            k = self.dense(x, p + ".key").view(B, L, heads, d).transpose(1, 2)
            v = self.dense(x, p + ".value").view(B, L, heads, d).transpose(1, 2)
            attention = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + add, dim=-1)
            context = (attention @ v).transpose(1, 2).reshape(B, L, H)
            x = self.ln(self.dense(context, p + ".attention_output") + x, p + ".attention_norm")
            up = self.dense(x, p + ".intermediate")
            x = self.ln(self.dense(F.gelu(up), p + ".output") + x, p + ".output_norm")
        m = mask.to(torch.float32).unsqueeze(-1)
        return F.normalize((x * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=-1)

def tokenize(vocab, texts):
    # Every benchmark word is one vocabulary entry: a dict lookup is what a fast WordPiece tokenizer does here.
    rows = [[vocab["[CLS]"]] + [vocab.get(w, vocab["[UNK]"]) for w in s.lower().split()] + [vocab["[SEP]"]] for s in texts]
    width = max(len(r) for r in rows)
    ids = torch.tensor([r + [0] * (width - len(r)) for r in rows], dtype=torch.long)
    mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows], dtype=torch.long)
    return ids, mask

def blas_library():
    # Debian's torch calls the system BLAS (libblas.so.3 alternative: reference BLAS unless OpenBLAS is installed).
    try:
        for line in open("/proc/self/maps"):
            if "blas" in line and ".so" in line:
                return line.split()[-1]
    except OSError:
        pass
    return "unknown"

def main():
    import time
    torch.set_num_threads(os.cpu_count() or 1)
    model = vocab = texts = None
    batch, cursor = 64, 0
    for line in sys.stdin:
        msg = json.loads(line)
        with torch.inference_mode():
            if "folder" in msg:
                shape, tensors, vocab = load(msg["folder"])
                model, texts, batch = Bert(shape, tensors), msg["texts"], msg["batch"]
                model(*tokenize(vocab, texts[:1]))  # loads the BLAS library, so blas_library() sees it
                reply = {"ready": True, "threads": torch.get_num_threads(), "torch": torch.__version__, "blas": blas_library()}
            elif "measure_ms" in msg:
                items, started = 0, time.perf_counter()
                while (time.perf_counter() - started) * 1000 < msg["measure_ms"]:
                    chunk = [texts[(cursor + i) % len(texts)] for i in range(batch)]
                    cursor += batch
                    model(*tokenize(vocab, chunk))
                    items += batch
                reply = {"items": items, "seconds": time.perf_counter() - started}
            else:
                reply = {"vector": model(*tokenize(vocab, [msg["embed"]]))[0].tolist()}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()

main()
