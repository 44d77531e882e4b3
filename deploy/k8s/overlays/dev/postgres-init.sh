#!/bin/sh
# Runs once, when the data volume is empty (docker-entrypoint-initdb.d): one database per
# service (DESIGN 2), each owned by that service's own user, so no service can read another's
# tables. Users and passwords come from the outdial-campaign-db / outdial-call-result-db Secrets.
# The image's entrypoint sources this file (it is not executable in the ConfigMap) with
# errexit on, so a failing psql (ON_ERROR_STOP) aborts the initialisation.

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v campaign_user="$CAMPAIGN_DB_USER" -v campaign_password="$CAMPAIGN_DB_PASSWORD" \
    -v call_result_user="$CALL_RESULT_DB_USER" -v call_result_password="$CALL_RESULT_DB_PASSWORD" <<'SQL'
CREATE USER :"campaign_user" WITH PASSWORD :'campaign_password';
CREATE DATABASE campaign OWNER :"campaign_user";
REVOKE ALL ON DATABASE campaign FROM PUBLIC;
CREATE USER :"call_result_user" WITH PASSWORD :'call_result_password';
CREATE DATABASE call_result OWNER :"call_result_user";
REVOKE ALL ON DATABASE call_result FROM PUBLIC;
SQL
