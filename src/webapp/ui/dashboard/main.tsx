import { render } from 'preact';

function Dashboard() {
  return <main id="main"><h1>Số liệu công khai</h1></main>;
}
render(<Dashboard />, document.getElementById('root')!);
