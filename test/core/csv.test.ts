import { describe, expect, it } from 'vitest'
import { projectionToCsv } from '../../src/core/projectionToCsv.js'
import { isStripeMeterError } from '../../src/core/StripeMeterError.js'
import type { ProjectionResponse } from '../../src/core/types.js'
import { usageHistoryToCsv } from '../../src/core/usageHistoryToCsv.js'

/** A minimal RFC 4180 reader, written from the RFC, to check the files round-trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      index++
    } else field += char
  }
  expect(field).toBe('') // every line, the last too, ends with CRLF
  return rows
}

const projection: ProjectionResponse = {
  customerRef: 'cus_1',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  lineItems: [
    { metric: 'api_calls', quantity: 12500, unitPrice: 0.002, total: 25 },
    { metric: 'storage_gb', quantity: 0.0000001, unitPrice: 1e-7, total: 0 },
  ],
  subtotal: 25,
  credits: 5.5,
  total: 19.5,
  currency: 'USD',
  freshness: { lastUpdate: '2026-11-26T10:15:00.000Z', staleness: 45 },
}

describe('usageHistoryToCsv', () => {
  it('writes date,metric,quantity with ISO dates, oldest first, CRLF line ends', () => {
    const csv = usageHistoryToCsv(
      [
        { ts: '2026-11-02T00:00:00.000Z', value: 1234.5 },
        { ts: '2026-11-01T00:00:00.000Z', value: 120 },
      ],
      { metric: 'api_calls' },
    )
    expect(csv).toBe(
      'date,metric,quantity\r\n2026-11-01,api_calls,120\r\n2026-11-02,api_calls,1234.5\r\n',
    )
  })

  it('keeps dot decimals, ISO dates and no grouping whatever the locale; only headers translate', () => {
    const csv = usageHistoryToCsv([{ ts: '2026-11-01T12:30:00.000Z', value: 1234567.25 }], {
      metric: 'api_calls',
      locale: 'de-DE',
    })
    expect(csv).toBe('datum,metrik,menge\r\n2026-11-01T12:30:00.000Z,api_calls,1234567.25\r\n')
    expect(usageHistoryToCsv([], { metric: 'x', locale: 'xx' })).toBe('date,metric,quantity\r\n')
  })

  it('never writes exponents: tiny and huge quantities stay plain decimals', () => {
    const csv = usageHistoryToCsv(
      [
        { ts: '2026-11-01T00:00:00.000Z', value: 0.0000001 },
        { ts: '2026-11-02T00:00:00.000Z', value: 1e21 },
      ],
      { metric: 'm' },
    )
    expect(parseCsv(csv).map((row) => row[2])).toEqual([
      'quantity',
      '0.0000001',
      '1000000000000000000000',
    ])
  })

  it('quotes hostile names so they round-trip, and defuses formulas with a leading apostrophe', () => {
    const hostile = [
      'a "quoted", name',
      'two\nlines',
      'cr\r\nlf',
      '=HYPERLINK("http://evil","x")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\tTAB',
      'plain',
    ]
    for (const metric of hostile) {
      const rows = parseCsv(
        usageHistoryToCsv([{ ts: '2026-11-01T00:00:00.000Z', value: 1 }], { metric }),
      )
      expect(rows).toHaveLength(2)
      const written = rows[1]?.[1]
      expect(written).toBe(/^[=+\-@\t\r]/.test(metric) ? `'${metric}` : metric)
    }
  })

  it('refuses a bad bucket with a validation_error naming it', () => {
    const bad = [
      () => usageHistoryToCsv([{ ts: 'yesterday', value: 1 }], { metric: 'm' }),
      () => usageHistoryToCsv([{ ts: '2026-11-01', value: Number.NaN }], { metric: 'm' }),
      () => usageHistoryToCsv([], { metric: 5 as never }),
    ]
    const fields = ['history[0].ts', 'history[0].value', 'metric']
    bad.forEach((call, index) => {
      let caught: unknown
      try {
        call()
      } catch (error) {
        caught = error
      }
      expect(isStripeMeterError(caught) && caught.code).toBe('validation_error')
      expect(String(caught)).toContain(fields[index])
    })
  })
})

describe('projectionToCsv', () => {
  it('writes a usage row per line item, then subtotal, credits and total', () => {
    expect(parseCsv(projectionToCsv(projection))).toEqual([
      [
        'line',
        'metric',
        'quantity',
        'unit_price',
        'amount',
        'currency',
        'period_start',
        'period_end',
        'customer',
        'as_of',
      ],
      [
        'usage',
        'api_calls',
        '12500',
        '0.002',
        '25',
        'USD',
        '2026-11-01',
        '2026-11-30',
        'cus_1',
        '2026-11-26T10:15:00.000Z',
      ],
      [
        'usage',
        'storage_gb',
        '0.0000001',
        '0.0000001',
        '0',
        'USD',
        '2026-11-01',
        '2026-11-30',
        'cus_1',
        '2026-11-26T10:15:00.000Z',
      ],
      ...(['subtotal', 'credits', 'total'] as const).map((line) => [
        line,
        '',
        '',
        '',
        String(projection[line]),
        'USD',
        '2026-11-01',
        '2026-11-30',
        'cus_1',
        '2026-11-26T10:15:00.000Z',
      ]),
    ])
  })

  it('escapes a hostile customer reference and metric', () => {
    const rows = parseCsv(
      projectionToCsv({
        ...projection,
        customerRef: '=cmd|"/c calc"!A0, "x"',
        lineItems: [{ metric: '-1,\n"m"', quantity: 1, unitPrice: 1, total: 1 }],
      }),
    )
    expect(rows[1]?.[1]).toBe(`'-1,\n"m"`)
    expect(rows[1]?.[8]).toBe(`'=cmd|"/c calc"!A0, "x"`)
    expect(rows).toHaveLength(5)
  })

  it('refuses a malformed projection naming the field', () => {
    expect(() => projectionToCsv({ ...projection, total: Number.POSITIVE_INFINITY })).toThrow(
      /projection\.total/,
    )
    expect(() =>
      projectionToCsv({
        ...projection,
        lineItems: [{ metric: 'm', quantity: '5' as never, unitPrice: 1, total: 1 }],
      }),
    ).toThrow(/projection\.lineItems\[0\]\.quantity/)
  })
})
