import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ContestDetailView, ParticipantView } from '../../../api/types';
import { ImportFailure } from '../../../components/ImportErrorTable';
import { contestLinks, useImportCadre } from '../api';
import { useContestI18n } from '../i18n';
import { points } from '../parts';
import { type ImportProblem, importProblem } from './HonoursTab';

/** 作风评价: the formula, the survey workbook's import (all-or-nothing) and template, each unit's votes and points. */
export function CadreTab({ view }: { view: ContestDetailView }) {
  const { t } = useContestI18n();
  const { message } = App.useApp();
  const code = view.contest.code;
  const upload = useImportCadre(code);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const locked = view.contest.status === 'announced';
  const vote = (key: 'good' | 'fairlyGood' | 'average' | 'poor') => (_: unknown, row: ParticipantView) =>
    row.cadreVotes ? row.cadreVotes[key] : '—';

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        {t('contest.cadre.formula', { max: view.contest.settings.cadrePoints })}
      </Typography.Text>
      {!locked && (
        <Flex gap={8} wrap>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              setProblem(null);
              upload.mutate(file, {
                onSuccess: (result) =>
                  void message.success(t('contest.cadre.imported', { count: result.units })),
                onError: (cause) => setProblem(importProblem(cause, file, t('common.unknownError'))),
              });
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('contest.cadre.import')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={contestLinks.cadreTemplate(code)} download>
            {t('contest.cadre.template')}
          </Button>
        </Flex>
      )}
      {problem && <ImportFailure message={problem.message} files={problem.file} details={problem.details} />}
      <Table<ParticipantView>
        size="small"
        rowKey="unitCode"
        dataSource={view.participants}
        pagination={view.participants.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        columns={[
          { title: t('contest.col.unitCode'), dataIndex: 'unitCode', width: 120 },
          { title: t('contest.col.unit'), dataIndex: 'unitName' },
          { title: t('contest.cadre.good'), key: 'good', width: 70, align: 'right', render: vote('good') },
          {
            title: t('contest.cadre.fairlyGood'),
            key: 'fairlyGood',
            width: 70,
            align: 'right',
            render: vote('fairlyGood'),
          },
          {
            title: t('contest.cadre.average'),
            key: 'average',
            width: 70,
            align: 'right',
            render: vote('average'),
          },
          { title: t('contest.cadre.poor'), key: 'poor', width: 70, align: 'right', render: vote('poor') },
          {
            title: t('contest.cadre.points'),
            dataIndex: 'cadreScore',
            width: 100,
            align: 'right',
            render: (v: number | null) =>
              v === null ? (
                <Typography.Text type="warning">{t('contest.cadre.none')}</Typography.Text>
              ) : (
                points(v)
              ),
          },
        ]}
      />
    </Flex>
  );
}
