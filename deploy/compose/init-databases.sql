-- One database per service (DESIGN 2): no service reads another's tables.
CREATE DATABASE campaign;
CREATE DATABASE call_result;
