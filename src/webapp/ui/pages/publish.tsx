import type { AppState } from '../store.js';

export function PublishPage(_props: { state: AppState }) {
  return <section><h1>Đang xây dựng</h1></section>;
}
