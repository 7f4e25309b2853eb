import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { createPortal } from 'react-dom';
import type { NoticeView as Notice, StarView } from '../../api/types';
import { ErrorBox, Loading } from '../../components/Feedback';
import { noticeExportUrl, useNotice } from '../../hooks/useRounds';
import { useI18n } from '../../i18n';
import './notice.css';

/** 「关于…发现问题的通报」: the heading, a short account, the table of problems and the sign-off. */
function NoticeDocument({ notice, stars }: { notice: Notice; stars: readonly StarView[] }) {
  const { t } = useI18n();
  const { round, problems } = notice;
  const starName = (code: string) => stars.find((s) => s.code === code)?.name ?? code;
  const units = new Set(problems.map((p) => p.unitCode)).size;
  const mode =
    round.mode === 'regular'
      ? ''
      : t('supervision.notice.modeNote', { mode: t(`supervision.mode.${round.mode}`) });
  return (
    <div className="wx-notice">
      <div className="wx-notice-title">{t('supervision.notice.title', { name: round.name })}</div>
      <div className="wx-notice-sub">
        {t('supervision.notice.sub', { number: round.number, from: round.startsOn, to: round.endsOn })}
      </div>
      <p>
        {t('supervision.notice.intro', {
          from: round.startsOn,
          to: round.endsOn,
          scope: round.streetName ?? t('supervision.notice.wholeDistrict'),
          kind: t(`supervision.kind.${round.kind}`),
          mode,
          units,
          count: problems.length,
        })}
      </p>
      <table className="wx-notice-table">
        <colgroup>
          <col style={{ width: '5%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '11%' }} />
          <col />
          <col style={{ width: '8.5%' }} />
          <col style={{ width: '11.5%' }} />
          <col style={{ width: '12%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('supervision.notice.index')}</th>
            <th>{t('problems.col.number')}</th>
            <th>{t('problems.col.unit')}</th>
            <th>{t('problems.col.star')}</th>
            <th>{t('problems.col.description')}</th>
            <th>{t('problems.col.severity')}</th>
            <th>{t('problems.col.deadline')}</th>
            <th>{t('problems.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={p.id}>
              <td className="wx-c">{i + 1}</td>
              <td className="wx-c wx-nw">{p.number}</td>
              <td>
                {p.streetName ? `${p.streetName} ` : ''}
                {p.unitName}
              </td>
              <td className="wx-c">{starName(p.star)}</td>
              <td>{p.description}</td>
              <td className="wx-c">{t(`problems.severity.${p.severity}`)}</td>
              <td className="wx-c wx-nw">{p.deadline}</td>
              <td className="wx-c">{t(`problems.status.${p.status}`)}</td>
            </tr>
          ))}
          {problems.length === 0 && (
            <tr>
              <td colSpan={8} className="wx-c">
                {t('supervision.notice.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <p style={{ marginTop: 12 }}>{t('supervision.notice.request')}</p>
      <div className="wx-notice-foot">
        <div>{t('supervision.notice.signature')}</div>
        <div>{notice.generatedAt.slice(0, 10)}</div>
      </div>
    </div>
  );
}

/** The notice section of a round: a preview, printing (A4, without the app around it) and Excel. */
export function NoticeSection({ roundId, stars }: { roundId: string; stars: readonly StarView[] }) {
  const { t } = useI18n();
  const notice = useNotice(roundId);
  if (notice.isPending) return <Loading />;
  if (notice.isError) return <ErrorBox error={notice.error} onRetry={() => notice.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('supervision.notice.print')}
        </Button>
        <Button icon={<DownloadOutlined />} href={noticeExportUrl(roundId)} download>
          {t('supervision.notice.excel')}
        </Button>
      </Flex>
      <div className="wx-notice-scroll" data-testid="notice-preview">
        <NoticeDocument notice={notice.data} stars={stars} />
      </div>
      {createPortal(
        <div className="wx-notice-print">
          <NoticeDocument notice={notice.data} stars={stars} />
        </div>,
        document.body,
      )}
    </Flex>
  );
}
