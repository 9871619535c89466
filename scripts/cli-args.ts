// The CLIs' arguments through Node's own parser (util.parseArgs), with its errors said in Chinese: the CLIs are
// for case handlers and reviewers.

export class UsageError extends Error {}

/** A `util.parseArgs` error as a usage error in Chinese, naming the option it is about. */
export function usageErrorOf(e: unknown): UsageError {
  const code = (e as { code?: unknown } | null)?.code;
  const option = /'(-[^' ]+)/.exec(e instanceof Error ? e.message : '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`未知选项：${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new UsageError(`选项 ${option} 的取值缺失或无效`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError('多出的参数');
  return new UsageError('参数无效');
}
