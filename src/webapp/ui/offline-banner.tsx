import { useEffect, useState } from 'preact/hooks';
import { isOffline, onConnectivity } from './offline-cache.js';

/**
 * Said on every page while the server cannot be reached: what the user sees is the copy kept
 * on this computer, and what he types is kept there until the connection comes back.
 */
export function OfflineBanner() {
  const [offline, setOffline] = useState(isOffline());
  useEffect(() => onConnectivity(setOffline), []);
  if (!offline) return null;
  return (
    <p class="warn-box" id="offline-banner" role="status">
      <b>Mất kết nối máy chủ:</b> đang hiển thị bản lưu trên máy này. Số liệu bạn nhập được giữ lại và tự gửi khi có kết nối.
    </p>
  );
}
