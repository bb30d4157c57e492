import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, List, Tag, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { caseApi, type CaseSchemas, CSRF_HEADER, newIdempotencyKey, unwrap } from '../common/api/client';
import { ProblemError, type Problem } from '../common/api/problem';
import { StaffName } from '../common/queries/staff';
import { formatDateTime } from '../common/ui/format';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { GenerateDocuments } from './generate-document';
import { sha256Hex } from './sha256';
import { DOCUMENT_KINDS, type DocumentKind } from '../common/api/vocabulary';

type CaseDocument = CaseSchemas['CaseDocument'];

/** Through the console's proxy: the session cookie authorizes it, and no token ever reaches the browser. */
const contentUrl = (caseId: string, documentId: string) =>
  `/api/case/api/v1/cases/${caseId}/documents/${documentId}/content`;

/**
 * Registers a case document and sends its bytes (case-service checks size and hash before it counts as stored);
 * returns its id.
 */
export async function uploadDocument(caseId: string, file: File, title: string, kind: DocumentKind): Promise<string> {
  const bytes = await file.arrayBuffer();
  // JSON bodies are the API's own language: case-service asks for JSON files as plain bytes.
  const contentType = file.type && !/json/.test(file.type) ? file.type : 'application/octet-stream';
  const created = await unwrap(
    caseApi.POST('/api/v1/cases/{id}/documents', {
      params: { path: { id: caseId }, header: { 'idempotency-key': newIdempotencyKey() } },
      body: { title, kind, contentType, sizeBytes: bytes.byteLength, sha256: await sha256Hex(bytes) },
    }),
  );
  const res = await fetch(contentUrl(caseId, created.id), {
    method: 'PUT',
    headers: { 'content-type': contentType, [CSRF_HEADER]: '1' },
    body: bytes,
  });
  if (!res.ok) throw new ProblemError(res.status, (await res.json().catch(() => ({}))) as Problem);
  return created.id;
}

export function useDocuments(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'documents'],
    queryFn: () => unwrap(caseApi.GET('/api/v1/cases/{id}/documents', { params: { path: { id: caseId } } })),
  });
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface UploadForm {
  title: string;
  kind: DocumentKind;
  file: UploadFile[];
}

/**
 * The case's documents: every reader of the case downloads what is stored; those who may add documents
 * (permissions.ts `canAddDocuments`) upload a scan (协议书, 笔录, 证据…) or have the agreement or the application for
 * judicial confirmation written from the case's record.
 */
export function CaseDocuments({ caseId, canAdd }: { caseId: string; canAdd: boolean }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const documents = useDocuments(caseId);
  const items: CaseDocument[] = documents.data?.items ?? [];
  return (
    <>
      {documents.isError ? <ProblemAlert error={documents.error} /> : null}
      <List
        size="small"
        dataSource={items}
        rowKey="id"
        locale={{ emptyText: t('noDocuments') }}
        renderItem={(document) => (
          <List.Item
            actions={
              document.status === 'stored'
                ? [
                    <a key="download" href={contentUrl(caseId, document.id)} download>
                      {t('download')}
                    </a>,
                  ]
                : [<Tag key="pending">{t('documentPending')}</Tag>]
            }
          >
            <List.Item.Meta
              title={document.title}
              description={
                <span className="gz-muted">
                  {t(`common:documentKinds.${document.kind}`)} · {sizeOf(document.sizeBytes)} ·{' '}
                  {formatDateTime(document.uploadedAt, i18n.language)} · <StaffName id={document.uploadedBy} />
                </span>
              }
            />
          </List.Item>
        )}
      />
      {canAdd ? (
        <>
          <GenerateDocuments caseId={caseId} />
          <UploadDocumentForm caseId={caseId} />
        </>
      ) : null}
    </>
  );
}

/** Registers a document and sends its bytes: a title, a kind, a file. */
function UploadDocumentForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation(['case', 'common']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UploadForm>();
  const upload = useMutation({
    mutationFn: async ({ title, kind, file }: UploadForm) => {
      const chosen = file[0]?.originFileObj;
      if (!chosen) throw new Error('no file');
      return uploadDocument(caseId, chosen, title.trim(), kind);
    },
    onSuccess: () => {
      form.resetFields();
      void message.success(t('documentUploaded'));
    },
    onError: (error) =>
      showFieldErrors(form, error, (path) => (path === 'title' || path === 'kind' ? path : undefined)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['case', caseId, 'documents'] }),
  });
  return (
    <>
      <Form<UploadForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'evidence' }}
        onFinish={(values) => upload.mutate(values)}
        className="gz-group-title"
      >
        <Form.Item
          label={t('documentTitle')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('documentTitleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('documentKind')} name="kind" rules={[{ required: true }]}>
          <FormSelect
            options={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`common:documentKinds.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('documentFile')}
          name="file"
          valuePropName="fileList"
          getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
          rules={[{ required: true, message: t('documentFileRequired') }]}
        >
          <Upload beforeUpload={() => false} maxCount={1}>
            <Button>{t('uploadHint')}</Button>
          </Upload>
        </Form.Item>
        {upload.isError ? <ProblemAlert error={upload.error} /> : null}
        <Button htmlType="submit" loading={upload.isPending}>
          {t('uploadDocument')}
        </Button>
      </Form>
    </>
  );
}
