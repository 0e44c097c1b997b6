/** A mistake in the command line itself: reported with the usage and exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show, when known. */
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
