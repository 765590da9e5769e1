export function App() {
  return <h1>social</h1>;
}
