import { downloadCsv } from './downloadCsv.js'
import { StrokeIcon } from './StrokeIcon.js'
import type { WidgetText } from './useWidgetText.js'

interface ExportCsvButtonProps {
  /** Builds the file when the button is pressed, not on every render. */
  csv: () => string
  fileName: string
  /** The widget's heading, so two export buttons on one page have different names. */
  title: string
  text: WidgetText
}

const downloadIcon = 'M8 2v8 M4.5 6.5L8 10l3.5-3.5 M2.5 13.5h11'

/** "Export CSV": a native button (keyboard and screen readers for free) that saves a download. */
export function ExportCsvButton({
  csv,
  fileName,
  title,
  text: { messages },
}: ExportCsvButtonProps) {
  return (
    <p className="sm-export">
      <button
        type="button"
        className="sm-button"
        aria-label={messages.exportCsvOf(title)}
        onClick={() => downloadCsv(csv(), fileName)}
      >
        <StrokeIcon path={downloadIcon} sizePx={14} />
        {messages.exportCsv}
      </button>
    </p>
  )
}
