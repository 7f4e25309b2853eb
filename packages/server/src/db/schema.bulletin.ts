/** 月度通报: one bulletin per campaign month; JSON columns are text on both engines. */
export interface BulletinsTable {
  id: string;
  campaign_id: string;
  /** `YYYY-MM` */
  month: string;
  title: string;
  /** 文号, may be empty. */
  doc_number: string;
  /** `draft` or `issued`. */
  status: string;
  version: number;
  /** JSON array of `{ heading, text }`. */
  sections: string;
  /** JSON array of BulletinTable. */
  tables: string;
  /** JSON BulletinFigures. */
  figures: string;
  generated_at: string;
  created_by_name: string;
  created_at: string;
  updated_by_name: string;
  updated_at: string;
  issued_at: string | null;
  issued_by_name: string | null;
  demo: number;
}

export interface BulletinTables {
  bulletins: BulletinsTable;
}
