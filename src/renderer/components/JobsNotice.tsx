import type { Notice } from '../store/notice';

/**
 * How the last action on a job list went, in a live region that is always there (an empty
 * one appearing with the text would not be announced).
 */
export function JobsNotice({ notice }: { notice: Notice | null }) {
  return (
    <div className="jobs-notice" role="status">
      {notice ? (
        <p className={notice.tone === 'ok' ? 'notice-ok' : 'notice-bad'}>{notice.text}</p>
      ) : null}
    </div>
  );
}
