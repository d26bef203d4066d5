// Language detection with eld (fast n-gram detector, 60 languages). Its default large data costs ~414 MB and
// ~1 s to load; the small data (~150 MB, 99.4% on sentences) or extrasmall (~90 MB, 99.3%) is enough for
// article text. Only the first 160 characters (about a tweet, where eld's own benchmark gives 99.3%) are
// examined: eld's cost grows with its input (up to 350 bytes) and it is the largest single cost per item;
// all 9,038 sample-corpus passages are still detected as English at this length.

export const LANGUAGE_DATA_SIZES = ['extrasmall', 'small', 'medium', 'large'] as const;
export type LanguageDataSize = (typeof LANGUAGE_DATA_SIZES)[number];

export interface DetectedLanguage {
  /** ISO 639-1 code, "und" when undetermined. */
  language: string;
  /** 0..1; 0 for "und". */
  confidence: number;
}

export interface LanguageDetector {
  detect(text: string, hint?: string): DetectedLanguage;
}

interface EldLike {
  detect(text: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean };
}

/** Characters examined per item. */
export const LANGUAGE_SAMPLE_CHARS = 160;

export async function createLanguageDetector(size: LanguageDataSize): Promise<LanguageDetector> {
  // Literal specifiers: bundlers and vite resolve them statically; only the chosen data is loaded.
  const loaded =
    size === 'extrasmall'
      ? await import('eld/extrasmall')
      : size === 'small'
        ? await import('eld/small')
        : size === 'medium'
          ? await import('eld/medium')
          : await import('eld/large');
  return languageDetectorFrom(loaded.eld);
}

function normalizeHint(hint: string | undefined): string {
  if (!hint) return '';
  const code = hint.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2}$/.test(code) ? code : '';
}

export function languageDetectorFrom(eld: EldLike): LanguageDetector {
  return {
    detect(text, hint) {
      const sample = text.length > LANGUAGE_SAMPLE_CHARS ? text.slice(0, LANGUAGE_SAMPLE_CHARS) : text;
      const result = sample.trim() === '' ? undefined : eld.detect(sample);
      if (result && result.language !== '' && result.isReliable()) {
        const score = result.getScores()[result.language] ?? 0;
        return { language: result.language, confidence: Math.max(0, Math.min(1, score)) };
      }
      // Unreliable (short or mixed text): the source's declared language beats a guess.
      const declared = normalizeHint(hint);
      if (declared) return { language: declared, confidence: 0.5 };
      return { language: 'und', confidence: 0 };
    },
  };
}
