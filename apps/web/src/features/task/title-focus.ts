// A title edit asked for before the task's drawer was open (the board's `e` on a focused tile):
// the drawer's title takes focus when it shows that task.
let wanted: string | null = null;

export const requestTitleEdit = (taskId: string) => {
  wanted = taskId;
};

/** Whether a title edit was asked for this task; asking again is needed for the next one. */
export function takeTitleEdit(taskId: string): boolean {
  if (wanted !== taskId) return false;
  wanted = null;
  return true;
}
