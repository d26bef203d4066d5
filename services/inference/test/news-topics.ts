// The frozen 4-class news set for measuring the zero-shot topic model (fixtures/news-topics.json says where
// its texts come from, their licence, who labelled them and how the dev / test split was made).
import { readFileSync } from 'node:fs';

export const NEWS_CLASSES = ['business', 'sci/tech', 'sports', 'world'] as const;
export type NewsClass = (typeof NEWS_CLASSES)[number];

export interface NewsItem {
  file: string;
  label: NewsClass;
  text: string;
  split: 'dev' | 'test';
}

/** Which of the model's ten topics stand for each class when the answer is restricted to the four classes. */
export const TOPICS_OF_CLASS: Readonly<Record<NewsClass, readonly string[]>> = {
  business: ['business'],
  'sci/tech': ['technology', 'science'],
  sports: ['sports'],
  world: ['world', 'politics'],
};

export function newsItems(): NewsItem[] {
  const file = new URL('./fixtures/news-topics.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { items: NewsItem[] }).items;
}
