import { redirect } from 'next/navigation'

/** The app's front page is the usage page, which sends visitors without a session to sign in. */
export default function HomePage() {
  redirect('/usage')
}
