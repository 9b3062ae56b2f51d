import { signInAsDemoCustomer } from './actions'

/** Development sign-in: pick one of the emulator's demo customers. */
export default function LoginPage() {
  return (
    <main>
      <h1>Sign in</h1>
      <form action={signInAsDemoCustomer}>
        <label>
          Demo customer{' '}
          <select name="customerRef" defaultValue="cus_steady">
            <option value="cus_steady">Steady (inside every limit)</option>
            <option value="cus_near_limit">Near its API limit</option>
            <option value="cus_over_limit">Over its API limit</option>
            <option value="cus_new">New (no usage yet)</option>
          </select>
        </label>{' '}
        <button type="submit">Sign in</button>
      </form>
    </main>
  )
}
