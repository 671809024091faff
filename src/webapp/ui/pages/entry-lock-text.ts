/** Time left before the lock, as the officer reads it ("Còn 2 ngày 3 giờ", "00 giờ 59 phút", "45 giây"). */
export function remainingText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return `${days} ngày ${hours} giờ`;
  if (hours > 0) return `${hours} giờ ${String(minutes).padStart(2, '0')} phút`;
  if (minutes > 0) return `${minutes} phút ${String(s % 60).padStart(2, '0')} giây`;
  return `${s} giây`;
}

/** The ISO date after `iso` (the first day an extension can be asked for). */
export function addDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
