import { describe, expect, it } from 'vitest';
import { createQuitGuard } from '../../../src/main/shell/quit-guard';
import { until } from '../fake-electron';

function fakeApp(options: { uploading: boolean; answer: boolean }) {
  const calls: string[] = [];
  let uploading = options.uploading;
  const guard = createQuitGuard({
    uploadsRunning: () => uploading,
    confirmQuitDuringUploads: () => {
      calls.push('asked');
      return Promise.resolve(options.answer);
    },
    stopEngine: () => {
      calls.push('engine stopped');
      return Promise.resolve();
    },
    quit: () => {
      calls.push('quit');
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      guard.beforeQuit(event);
      if (!event.prevented) calls.push('app gone');
    },
    log: () => undefined,
  });
  const quit = () => {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    guard.beforeQuit(event);
    if (!event.prevented) calls.push('app gone');
  };
  return { guard, calls, quit, setUploading: (value: boolean) => (uploading = value) };
}

describe('quitting', () => {
  it('without uploads does not ask, and disposes the engine before the app goes', async () => {
    const app = fakeApp({ uploading: false, answer: false });
    app.quit();
    await until(() => app.calls.includes('app gone'), 'the app to quit');
    expect(app.calls).toEqual(['engine stopped', 'quit', 'app gone']);
  });

  it('while uploads run asks first; "keep open" keeps everything running', async () => {
    const app = fakeApp({ uploading: true, answer: false });
    app.quit();
    await until(() => app.calls.includes('asked'), 'the question');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(app.calls).toEqual(['asked']);
  });

  it('while uploads run and the editor agrees: engine disposed, then the app goes', async () => {
    const app = fakeApp({ uploading: true, answer: true });
    app.quit();
    app.quit();
    await until(() => app.calls.includes('app gone'), 'the app to quit');
    expect(app.calls).toEqual(['asked', 'engine stopped', 'quit', 'app gone']);
  });

  it('does not ask again after the editor agreed to restart for an update', async () => {
    const app = fakeApp({ uploading: true, answer: false });
    app.guard.force();
    app.quit();
    await until(() => app.calls.includes('app gone'), 'the app to quit');
    expect(app.calls).not.toContain('asked');
  });
});
