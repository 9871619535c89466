/**
 * The six supervision domains, the rows of the campaign statistics table (DOMAIN.md §8), in order.
 */
export const DOMAINS = ['food', 'drug', 'quality', 'consumer', 'competition', 'other'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Row titles exactly as the annex prints them. */
export const DOMAIN_TITLES: Record<Domain, string> = {
  food: '食品安全',
  drug: '药品、医疗器械、化妆品',
  quality: '质量安全',
  consumer: '侵害消费者权益',
  competition: '破坏公平竞争秩序和扰乱市场秩序',
  other: '其他',
};
