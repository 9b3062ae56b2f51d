import type { ReactNode } from 'react'

interface VisuallyHiddenTableProps {
  caption: string
  columns: readonly string[]
  rows: readonly (readonly ReactNode[])[]
}

/**
 * The chart's numbers as a table for screen readers: the same figures the picture shows.
 * The clipping box is a `div` around the table: a table box grows to its content whatever its
 * `width` says and ignores `overflow`, so a hidden table itself would widen the page.
 */
export function VisuallyHiddenTable({ caption, columns, rows }: VisuallyHiddenTableProps) {
  return (
    <div className="sm-visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, row) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional, rebuilt with the data
            <tr key={row}>
              {cells.map((cell, column) =>
                column === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={column} scope="row">
                    {cell}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <td key={column}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
