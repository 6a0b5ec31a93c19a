-- One schema and one login role per service: a service can read and write its own schema and
-- nothing else (DESIGN §1). Run once as a superuser before the first migration; passwords come
-- from your secret store (psql -v vault_password=... etc.).
\set ON_ERROR_STOP on

create role seatkeeper_gateway login password :'gateway_password';
create role seatkeeper_vault login password :'vault_password';
create role seatkeeper_sync login password :'sync_password';
create role seatkeeper_mapping login password :'mapping_password';
create role seatkeeper_workflow login password :'workflow_password';
create role seatkeeper_reporting login password :'reporting_password';

create schema if not exists gateway authorization seatkeeper_gateway;
create schema if not exists vault authorization seatkeeper_vault;
create schema if not exists sync authorization seatkeeper_sync;
create schema if not exists mapping authorization seatkeeper_mapping;
create schema if not exists workflow authorization seatkeeper_workflow;
create schema if not exists reporting authorization seatkeeper_reporting;

-- Nobody but the owner may create objects in public.
revoke create on schema public from public;
