import type { ResponsePost } from '../../tests/adapters/slack/support/fake-slack.js';
import type { Recorder } from '../../tests/adapters/slack/support/recorder.js';

/**
 * Answer latency of a load run: from a command's sending to its first answer reaching the fake
 * `response_url`. `indexOf` reads the command's number back from the response id.
 */
export interface AnswerTimes {
  /** Command `index` is being sent now. */
  sent(index: number): void;
  /** Milliseconds from sending to answer of every answered command from `first` on, sorted. */
  latencies(first: number): number[];
}

export function trackAnswers(
  responses: Recorder<ResponsePost>,
  indexOf: (post: ResponsePost) => number,
): AnswerTimes {
  const sentAt = new Map<number, number>();
  const answeredAt = new Map<number, number>();
  const record = responses.push.bind(responses);
  responses.push = (post) => {
    const index = indexOf(post);
    if (!answeredAt.has(index)) answeredAt.set(index, performance.now());
    record(post);
  };
  return {
    sent: (index) => sentAt.set(index, performance.now()),
    latencies: (first) =>
      [...answeredAt]
        .filter(([index]) => index >= first && sentAt.has(index))
        .map(([index, at]) => at - (sentAt.get(index) ?? at))
        .sort((x, y) => x - y),
  };
}
