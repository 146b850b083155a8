/** The inbox bell in the top bar; a placeholder until the inbox lands (it draws a 40-px button). */
export function InboxBell() {
  return null;
}
