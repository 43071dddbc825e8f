/** Hands `content` to the browser as a file download, through a temporary Blob URL. */
export function downloadFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after click() returns: release it a little later, not at once.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
