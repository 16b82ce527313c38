// The consumer platforms compare-platforms runs, in the order its table and charts list them.
export const PLATFORMS = ["ec2", "lambda", "kubernetes"] as const;
export type Platform = (typeof PLATFORMS)[number];
