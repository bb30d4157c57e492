{{/* Names: <release>-<app>, cut to Kubernetes' 63 characters. */}}
{{- define "gongzhi.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .app | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "gongzhi.labels" -}}
app.kubernetes.io/name: {{ .app }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: gongzhi
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "gongzhi.selectorLabels" -}}
app.kubernetes.io/name: {{ .app }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "gongzhi.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .target (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* A service's in-cluster base URL. */}}
{{- define "gongzhi.url" -}}
{{- printf "http://%s:%v" (include "gongzhi.fullname" (dict "root" .root "app" .app)) (index .root.Values.apps .app).port -}}
{{- end -}}

{{- define "gongzhi.keyFile" -}}
{{- printf "/var/run/secrets/gongzhi/%s" . -}}
{{- end -}}

{{- define "gongzhi.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/* What every service is given: where it listens, its database, the token keys, Kafka. */}}
{{- define "gongzhi.serviceEnv" -}}
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: {{ (index .root.Values.apps .app).port | quote }}
- name: LOG_LEVEL
  value: {{ .root.Values.logLevel | quote }}
{{ include "gongzhi.secretEnv" (dict "name" "DATABASE_URL" "secret" .root.Values.secrets.databases "key" .database) }}
- name: AUTH_PUBLIC_KEY_FILE
  value: {{ include "gongzhi.keyFile" "auth-signing.pub.pem" }}
- name: WORKFLOW_ENGINE_PUBLIC_KEY_FILE
  value: {{ include "gongzhi.keyFile" "worker-signing.pub.pem" }}
- name: KAFKA_BROKERS
  value: {{ .root.Values.kafka.brokers | quote }}
- name: TRUSTED_PROXIES
  value: {{ .root.Values.services.trustedProxies | quote }}
{{- end -}}

{{/* Each app's own environment, as its config schema reads it (the services' src/config.ts, the worker's). */}}
{{- define "gongzhi.env" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- if eq .app "party-service" }}
{{ include "gongzhi.serviceEnv" (dict "root" $root "app" .app "database" "party") }}
- name: AUDIT_CHAIN_KEY_FILE
  value: {{ include "gongzhi.keyFile" "audit-chain-party.key" }}
{{ include "gongzhi.secretEnv" (dict "name" "PARTY_ENCRYPTION_KEYS" "secret" $v.secrets.partyCrypto "key" "encryption-keys") }}
{{ include "gongzhi.secretEnv" (dict "name" "PARTY_ENCRYPTION_ACTIVE_KEY_ID" "secret" $v.secrets.partyCrypto "key" "encryption-active-key-id") }}
{{ include "gongzhi.secretEnv" (dict "name" "PARTY_BLIND_INDEX_KEY" "secret" $v.secrets.partyCrypto "key" "blind-index-key") }}
- name: OUTBOX_RELAY
  value: 'on'
- name: PARTY_CONSUMER
  value: 'on'
- name: AGENCY_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "agency-service") }}
{{- else if eq .app "case-service" }}
{{ include "gongzhi.serviceEnv" (dict "root" $root "app" .app "database" "case") }}
- name: AUDIT_CHAIN_KEY_FILE
  value: {{ include "gongzhi.keyFile" "audit-chain-case.key" }}
- name: OUTBOX_RELAY
  value: 'on'
- name: CASE_CONSUMER
  value: 'on'
- name: TEMPORAL_ADDRESS
  value: {{ $v.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ $v.temporal.namespace | quote }}
- name: TEMPORAL_TASK_QUEUE
  value: {{ $v.temporal.taskQueue | quote }}
- name: AGENCY_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "agency-service") }}
- name: PARTY_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "party-service") }}
{{- if eq $v.documents.store "s3" }}
- name: CASE_DOCUMENT_STORE
  value: s3
- name: CASE_DOCUMENTS_S3_ENDPOINT
  value: {{ $v.documents.s3.endpoint | quote }}
- name: CASE_DOCUMENTS_S3_REGION
  value: {{ $v.documents.s3.region | quote }}
- name: CASE_DOCUMENTS_S3_BUCKET
  value: {{ $v.documents.s3.bucket | quote }}
{{- with $v.documents.s3.prefix }}
- name: CASE_DOCUMENTS_S3_PREFIX
  value: {{ . | quote }}
{{- end }}
{{ include "gongzhi.secretEnv" (dict "name" "CASE_DOCUMENTS_S3_ACCESS_KEY_ID" "secret" $v.secrets.documentsS3 "key" "access-key-id") }}
{{ include "gongzhi.secretEnv" (dict "name" "CASE_DOCUMENTS_S3_SECRET_ACCESS_KEY" "secret" $v.secrets.documentsS3 "key" "secret-access-key") }}
{{- else if eq $v.documents.store "local" }}
- name: CASE_DOCUMENT_STORE
  value: local
- name: CASE_DOCUMENTS_DIR
  value: /var/lib/gongzhi/documents
{{- else }}
{{- fail "documents.store is s3 or local" }}
{{- end }}
{{- else if eq .app "agency-service" }}
{{ include "gongzhi.serviceEnv" (dict "root" $root "app" .app "database" "agency") }}
- name: AUDIT_CHAIN_KEY_FILE
  value: {{ include "gongzhi.keyFile" "audit-chain-agency.key" }}
- name: AUTH_PRIVATE_KEY_FILE
  value: {{ include "gongzhi.keyFile" "auth-signing.pem" }}
- name: OUTBOX_RELAY
  value: 'on'
{{- else if eq .app "statistics-service" }}
{{ include "gongzhi.serviceEnv" (dict "root" $root "app" .app "database" "statistics") }}
- name: STATISTICS_CONSUMER
  value: 'on'
{{- else if eq .app "dispute-worker" }}
- name: HOST
  value: 0.0.0.0
- name: HEALTH_PORT
  value: {{ (index $v.apps .app).port | quote }}
- name: LOG_LEVEL
  value: {{ $v.logLevel | quote }}
- name: TEMPORAL_ADDRESS
  value: {{ $v.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ $v.temporal.namespace | quote }}
- name: TEMPORAL_TASK_QUEUE
  value: {{ $v.temporal.taskQueue | quote }}
- name: WORKER_PRIVATE_KEY_FILE
  value: {{ include "gongzhi.keyFile" "worker-signing.pem" }}
- name: CASE_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "case-service") }}
- name: AGENCY_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "agency-service") }}
{{- else if eq .app "console" }}
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: {{ (index $v.apps .app).port | quote }}
- name: LOG_LEVEL
  value: {{ $v.logLevel | quote }}
{{ include "gongzhi.secretEnv" (dict "name" "DATABASE_URL" "secret" $v.secrets.databases "key" "console") }}
{{ include "gongzhi.secretEnv" (dict "name" "CONSOLE_SESSION_KEYS" "secret" $v.secrets.console "key" "session-keys") }}
- name: CONSOLE_WEB_DIR
  value: /app/services/console/dist/web
- name: AGENCY_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "agency-service") }}
- name: CASE_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "case-service") }}
- name: PARTY_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "party-service") }}
- name: STATISTICS_SERVICE_URL
  value: {{ include "gongzhi.url" (dict "root" $root "app" "statistics-service") }}
- name: TEMPORAL_NAMESPACE
  value: {{ $v.temporal.namespace | quote }}
{{- with $v.temporal.uiUrl }}
- name: TEMPORAL_UI_URL
  value: {{ . | quote }}
{{- end }}
- name: TRUSTED_PROXIES
  value: {{ $v.console.trustedProxies | quote }}
{{- else }}
{{- fail (printf "no environment defined for app %s" .app) }}
{{- end }}
{{- end -}}
