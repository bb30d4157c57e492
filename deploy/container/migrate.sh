#!/bin/sh
# Applies one database's committed migrations (`prisma migrate deploy`: never generates new ones). The Helm chart runs
# it as a release job per database before the new processes start.
set -eu
case "${GONGZHI_DATABASE:-}" in
  party | case | agency | statistics) dir="/app/services/${GONGZHI_DATABASE}-service" ;;
  console) dir=/app/services/console ;;
  *)
    echo "GONGZHI_DATABASE must be one of party, case, agency, statistics, console (got '${GONGZHI_DATABASE:-}')" >&2
    exit 2
    ;;
esac
: "${DATABASE_URL:?set DATABASE_URL to the database's postgresql:// URL}"
cd "$dir"
exec /app/node_modules/.bin/prisma migrate deploy
