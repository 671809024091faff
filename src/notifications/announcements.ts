import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { NotificationEvent } from './notifier.js';

export interface Announcement {
  id: string;
  kind: 'maintenance' | 'notice';
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdAt: string;
}

export interface NewAnnouncement {
  kind: 'maintenance' | 'notice';
  title: string;
  body?: string;
  startsAt: string;
  endsAt: string;
}

interface Row {
  id: string | number;
  kind: Announcement['kind'];
  title: string;
  body: string;
  starts_at: Date;
  ends_at: Date;
  created_by: string;
  created_at: Date;
}

const toAnnouncement = (r: Row): Announcement => ({
  id: String(r.id),
  kind: r.kind,
  title: r.title,
  body: r.body,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Vietnam local time of an instant, for people: 14:30 ngày 21/01/2027. */
export function viDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** Announcements: admins create and withdraw them (audited); everyone reads those not over yet. */
export class AnnouncementService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async current(): Promise<Announcement[]> {
    const res = await this.db.query<Row>(
      'SELECT * FROM announcements WHERE withdrawn_at IS NULL AND ends_at > $1 ORDER BY starts_at, id LIMIT 20',
      [this.now()],
    );
    return res.rows.map(toAnnouncement);
  }

  async create(actor: { id: string; orgUnitId: string }, input: NewAnnouncement): Promise<Announcement> {
    const starts = new Date(input.startsAt);
    const ends = new Date(input.endsAt);
    if (Number.isNaN(starts.getTime()) || Number.isNaN(ends.getTime()) || ends <= starts) {
      throw new ValidationError('ANNOUNCEMENT_TIME_INVALID', 'Thời gian kết thúc phải sau thời gian bắt đầu');
    }
    if (ends <= this.now()) throw new ValidationError('ANNOUNCEMENT_IN_PAST', 'Thông báo đã kết thúc trước thời điểm hiện tại');
    return this.db.transaction(async (tx) => {
      const res = await tx.query<Row>(
        `INSERT INTO announcements (kind, title, body, starts_at, ends_at, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
        [input.kind, input.title, input.body ?? '', starts, ends, actor.id, this.now()],
      );
      const a = toAnnouncement(res.rows[0]!);
      await appendAudit(tx, {
        actor: actor.id,
        action: 'announcement.created',
        subject: `announcement:${a.id}`,
        orgUnitId: actor.orgUnitId,
        details: { kind: a.kind, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt },
      });
      return a;
    });
  }

  async withdraw(actor: { id: string; orgUnitId: string }, id: string): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundError('ANNOUNCEMENT_NOT_FOUND', `Announcement ${id} not found`);
    await this.db.transaction(async (tx) => {
      const res = await tx.query('UPDATE announcements SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL RETURNING id', [
        id,
        this.now(),
      ]);
      if (res.rows.length === 0) throw new NotFoundError('ANNOUNCEMENT_NOT_FOUND', `Announcement ${id} not found`, { id });
      await appendAudit(tx, {
        actor: actor.id,
        action: 'announcement.withdrawn',
        subject: `announcement:${id}`,
        orgUnitId: actor.orgUnitId,
      });
    });
  }

  /** Maintenance starting within `leadMs` (24 h): one event each, mailed to every user once. */
  async dueEvents(leadMs: number): Promise<NotificationEvent[]> {
    const now = this.now();
    const res = await this.db.query<Row>(
      `SELECT * FROM announcements WHERE kind = 'maintenance' AND withdrawn_at IS NULL AND ends_at > $1 AND starts_at <= $2 ORDER BY id`,
      [now, new Date(now.getTime() + leadMs)],
    );
    return res.rows.map(toAnnouncement).map((a) => ({
      type: 'maintenance.planned' as const,
      key: `maintenance:${a.id}`,
      subject: `[Bảo trì] ${a.title}: từ ${viDateTime(a.startsAt)}`,
      text: `Hệ thống liên thông báo cáo sẽ bảo trì từ ${viDateTime(a.startsAt)} đến ${viDateTime(a.endsAt)}.\n${a.body}\nTrong thời gian này có thể không nhập, ký hoặc gửi được báo cáo; vui lòng chủ động hoàn thành trước.`,
      data: { announcementId: a.id, startsAt: a.startsAt, endsAt: a.endsAt },
    }));
  }
}
