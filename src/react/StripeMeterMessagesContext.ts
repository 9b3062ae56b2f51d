import { createContext } from 'react'
import type { WidgetMessageOverrides } from '../charts/messages/WidgetMessages.js'

/** The provider's `messages` prop: the widget words an app replaces, for every widget inside. */
export const StripeMeterMessagesContext = createContext<WidgetMessageOverrides | undefined>(
  undefined,
)
