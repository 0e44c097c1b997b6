/** One line about the outcome of the editor's last action, for a live region. */
export interface Notice {
  tone: 'ok' | 'bad';
  text: string;
}
