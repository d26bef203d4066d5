"""PyTorch fp16 reference for bench/gpu: the same BERT-style encoder shapes (post-LayerNorm, GELU FFN,
random weights), items/s at the same batch and length on the same GPU. Prints one JSON line."""
import argparse, json, time

import torch
from torch import nn

SHAPES = {"minilm": (384, 6, 12, 1536), "bert": (768, 12, 12, 3072)}


class Encoder(nn.Module):
    def __init__(self, hidden, layers, heads, ffn, vocab=30522, positions=512):
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.position = nn.Embedding(positions, hidden)
        self.norm = nn.LayerNorm(hidden, eps=1e-12)
        layer = nn.TransformerEncoderLayer(hidden, heads, ffn, dropout=0.0, activation="gelu", batch_first=True, norm_first=False, layer_norm_eps=1e-12)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)

    def forward(self, ids, mask):
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.norm(self.word(ids) + self.position(positions))
        return self.encoder(x, src_key_padding_mask=mask == 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--length", type=int, default=128)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    torch.manual_seed(1)
    out = {"torch_version": torch.__version__}
    for name, (hidden, layers, heads, ffn) in SHAPES.items():
        model = Encoder(hidden, layers, heads, ffn).cuda().half().eval()
        ids = torch.randint(2, 30000, (args.batch, args.length), device="cuda")
        mask = torch.ones_like(ids)
        with torch.inference_mode():
            for _ in range(5):
                model(ids, mask)
            torch.cuda.synchronize()
            runs, start = 0, time.perf_counter()
            while time.perf_counter() - start < args.seconds or runs < 3:
                model(ids, mask)
                runs += 1
            torch.cuda.synchronize()
        out[f"{name}_fp16_items_per_second"] = runs * args.batch / (time.perf_counter() - start)
        del model
        torch.cuda.empty_cache()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
