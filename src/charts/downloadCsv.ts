/**
 * A CSV file's name: what it holds, the customer and the period, in characters every file
 * system accepts (`usage-api_calls-cus_123-2026-11-01-2026-11-30.csv`).
 */
export function csvFileName(parts: readonly string[]): string {
  const safe = parts
    .filter((part) => part !== '')
    .map((part) => part.replace(/[^\w.-]+/g, '_'))
    .join('-')
  return `${safe}.csv`
}

/**
 * Saves `csv` as a download named `fileName`. The byte order mark tells Excel the file is
 * UTF-8 (without it, "métrique" opens as "mÃ©trique"); other tools skip it.
 */
export function downloadCsv(csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  // Attached for the click: some browsers ignore a click on a link outside the document.
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on a later task: the download has started reading the blob by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
