import type { WidgetMessages } from './WidgetMessages.js'

const pluralRules = new Intl.PluralRules('de')

export const de: WidgetMessages = {
  loading: 'Wird geladen…',
  retry: 'Erneut versuchen',
  exportCsv: 'CSV exportieren',
  exportCsvOf: (title) => `CSV exportieren: ${title}`,
  errorDetails: 'Details',
  requestId: (id) => `Anfrage-ID ${id}`,
  errorTitle: 'Wir konnten Ihre Nutzung nicht laden',
  errorHint: 'Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  unavailableTitle: 'Die Nutzung ist gerade nicht verfügbar',
  unavailableHint: 'Das liegt an uns. Bitte versuchen Sie es in ein paar Minuten erneut.',
  staleRefreshFailed: 'Aktualisierung fehlgeschlagen. Diese Zahlen sind eventuell nicht aktuell.',
  staleCosts: (ago) => `Kosten zuletzt aktualisiert ${ago}.`,
  updated: (ago) => `Aktualisiert ${ago}`,
  emptyUsage: 'In diesem Zeitraum noch keine Nutzung',
  emptyAlerts: 'Keine Hinweise in diesem Zeitraum',
  noCharges: 'Noch keine Kosten',
  usageTitle: 'Nutzung in diesem Zeitraum',
  usageFallbackTitle: 'Nutzung',
  levels: {
    none: 'Kein Limit',
    ok: 'Im Limit',
    warning: 'Nahe am Limit',
    critical: 'Limit erreicht',
    over: 'Über dem Limit',
  },
  overBy: (excess) => `${excess} über dem Limit`,
  valueOfLimit: (current, limit) => `${current} von ${limit}`,
  limitDateLikely: (limit, date) => `Bei diesem Tempo erreichen Sie ${limit} um den ${date}.`,
  limitDatePossible: (limit, date) =>
    `Steigt die Nutzung, könnten Sie ${limit} schon am ${date} erreichen.`,
  limitDateNotThisPeriod: 'Bei diesem Tempo erreichen Sie das Limit in diesem Zeitraum nicht.',
  limitDateRow: 'Limit erreicht bei diesem Tempo',
  costTitle: 'Kosten in diesem Zeitraum',
  costSoFar: 'Bisherige Kosten',
  syncing: (amount) => `${amount} in Übertragung`,
  forecastFor: (lastDay) => `Prognose für ${lastDay}`,
  forecastLikely: (expected, range) =>
    `Voraussichtlich ${expected}, aus der täglichen Nutzung dieses Zeitraums (${range}-Spanne). Keine Rechnung.`,
  forecastEstimate: (range) =>
    `Schätzung aus der täglichen Nutzung dieses Zeitraums (${range}-Spanne). Keine Rechnung.`,
  metric: 'Messgröße',
  quantity: 'Menge',
  unitPrice: 'Stückpreis',
  averagePrice: (price) => `Ø ${price}`,
  total: 'Gesamt',
  subtotal: 'Zwischensumme',
  credits: 'Guthaben',
  totalSoFar: 'Bisher gesamt',
  lineItemsCaption: (currency) => `Positionen (${currency})`,
  notBilled: 'Nicht berechnet',
  breakdownTitle: 'Kosten nach Messgröße',
  cost: 'Kosten',
  share: 'Anteil',
  other: 'Sonstige',
  donutChart: (title) => `${title}: Ringdiagramm`,
  limitsTitle: 'Nutzung im Vergleich zum Limit',
  shareOfLimit: 'Anteil am Limit',
  current: 'Aktuell',
  limit: 'Limit',
  used: 'Genutzt',
  noLimit: 'Kein Limit',
  noLimitsSet: 'Für diese Messgrößen sind keine Limits festgelegt.',
  barChart: (title) => `${title}: Balkendiagramm`,
  trendTitle: (metric) => `${metric} in diesem Zeitraum`,
  trendFallbackTitle: 'Nutzung in diesem Zeitraum',
  totalSoFarSeries: 'Bisher gesamt',
  perDay: 'Pro Tag',
  perMonth: 'Pro Monat',
  projection: 'Hochrechnung',
  projectionTo: (lastDay) => `Hochrechnung bis ${lastDay}`,
  limitValue: (limit) => `Limit ${limit}`,
  date: 'Datum',
  partial: 'bisher',
  sampledCaption: (title, shown, total) =>
    `${title} (${shown} von ${total} ${pluralRules.select(total) === 'one' ? 'Punkt' : 'Punkten'})`,
  lineChart: (title) => `${title}: Liniendiagramm`,
  alertsTitle: 'Hinweise',
  severities: { critical: 'Kritisch', warning: 'Warnung', info: 'Info' },
  budgetUsed: (percent, amount) => `Sie haben ${percent} Ihres Budgets von ${amount} verbraucht.`,
  budgetReached: (amount, spent) =>
    `Sie haben Ihr Budget von ${amount} erreicht: bisher ${spent} ausgegeben.`,
  budgetForecastOver: (forecast, amount) =>
    `Bei diesem Tempo geben Sie ${forecast} aus – mehr als Ihr Budget von ${amount}.`,
  budgetTitle: 'Budget',
  budgetCurrent: (amount) => `Ihr Budget: ${amount} in diesem Zeitraum.`,
  budgetNone:
    'Kein Budget festgelegt. Ein Budget blockiert die Nutzung nie, außer Sie wählen „Stoppen“.',
  budgetAmount: (currency) => (currency ? `Betrag (${currency})` : 'Betrag'),
  budgetThresholds: 'Hinweis bei (% des Betrags)',
  budgetThresholdsHint: 'Prozentwerte von 1 bis 100, aufsteigend, z. B. 50, 80, 100.',
  budgetModeLegend: 'Wenn das Budget erreicht ist',
  budgetModes: {
    notify: { label: 'Benachrichtigen', hint: 'Nur Hinweise; nichts wird blockiert.' },
    soft: { label: 'Warnen', hint: 'Hinweise, und Funktionen, die das Budget prüfen, warnen.' },
    hard: {
      label: 'Stoppen',
      hint: 'Funktionen, die das Budget prüfen, stoppen, sobald es ausgeschöpft ist.',
    },
  },
  budgetSave: 'Budget speichern',
  budgetRemove: 'Budget entfernen',
  budgetSaved: 'Budget gespeichert.',
  budgetRemoved: 'Budget entfernt.',
  budgetSaveFailed:
    'Ihr Budget wurde nicht gespeichert. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  asOf: (time) => `Stand: ${time}`,
  asOfSyncing: (time) => `Stand: ${time}, plus Nutzung in Übertragung`,
  asOfHintUsage:
    'StripeMeter zählt Nutzung wenige Sekunden nach ihrem Entstehen und antwortet eventuell aus einem bis zu 30 Sekunden alten Zwischenspeicher.',
  asOfHintCost:
    'StripeMeter zählt Nutzung wenige Sekunden nach ihrem Entstehen: Die neueste fehlt hier eventuell noch.',
  asOfHintSyncing:
    'Auf dieser Seite erfasste Nutzung wird sofort hinzugerechnet, bevor StripeMeter sie zählt.',
  budgetRefusals: {
    not_an_object: () =>
      'Dieses Budget konnte nicht gelesen werden. Prüfen Sie das Formular und versuchen Sie es erneut.',
    amount_not_positive: (value) =>
      value
        ? `Geben Sie einen Betrag über 0 ein, nicht „${value}“.`
        : 'Geben Sie einen Betrag über 0 ein.',
    currency_not_iso: (value) => `„${value}“ ist kein dreistelliger Währungscode.`,
    currency_not_the_bills: (value, expected) =>
      `Das Budget muss in ${expected} sein, der Währung Ihrer Rechnung, nicht „${value}“.`,
    thresholds_empty: () => 'Geben Sie mindestens einen Prozentwert ein, z. B. 50, 80, 100.',
    threshold_out_of_range: (value) => `„${value}“ ist kein Prozentwert von 1 bis 100.`,
    threshold_not_ascending: (value, expected) =>
      `„${value}“ muss über ${expected} liegen: Geben Sie die Prozentwerte aufsteigend an.`,
    mode_unknown: (value) => `„${value}“ ist keine der Optionen.`,
  },
}
