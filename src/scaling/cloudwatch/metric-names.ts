/** The CloudWatch metric names the simulation records, spelled as AWS spells them. */
export const METRIC = {
  /** Visible messages only: in-flight and delayed are excluded (aws-behaviour 4.1, 12.1). */
  visible: "ApproximateNumberOfMessagesVisible",
  notVisible: "ApproximateNumberOfMessagesNotVisible",
  delayed: "ApproximateNumberOfMessagesDelayed",
  ageOfOldest: "ApproximateAgeOfOldestMessage",
  sent: "NumberOfMessagesSent",
  received: "NumberOfMessagesReceived",
  deleted: "NumberOfMessagesDeleted",
  emptyReceives: "NumberOfEmptyReceives",
  /** The backlog-per-instance denominator (aws-behaviour 6.18, 12.8). */
  inService: "GroupInServiceInstances",
  desired: "GroupDesiredCapacity",
  pending: "GroupPendingInstances",
} as const;
