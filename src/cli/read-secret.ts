import readline from 'node:readline';
import { Writable } from 'node:stream';

/**
 * A secret for `profile set-secret`: typed at a prompt that echoes nothing when stdin is a
 * terminal, else the first line of stdin (`pass show x | dailies profile set-secret ...`).
 * Never from the command line, where it would land in the shell history and `ps`.
 */
export async function readSecret(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) return firstLine(input);
  output.write(prompt);
  const muted = new Writable({
    write: (_chunk, _encoding, done) => done(),
  });
  const reader = readline.createInterface({ input, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolve, reject) => {
      reader.once('line', resolve);
      reader.once('SIGINT', () => reject(new Error('cancelled at the prompt')));
      reader.once('close', () => resolve(''));
    });
  } finally {
    reader.close();
    output.write('\n');
  }
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
