/** The neighbour keys the API places an item between, for a drop at `index` of `others`. */
export function neighbours(
  others: readonly { position: string }[],
  index: number,
): { after?: string; before?: string } {
  const after = others[index - 1]?.position;
  const before = others[index]?.position;
  // Two items raced into one gap share a key; "between" them is then just "after" the first.
  if (after !== undefined && before !== undefined && !(after < before)) return { after };
  return {
    ...(after === undefined ? {} : { after }),
    ...(before === undefined ? {} : { before }),
  };
}
