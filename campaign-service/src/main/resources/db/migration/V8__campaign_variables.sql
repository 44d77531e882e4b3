-- Variables the AI assistant gets with every call of the campaign: {"name": "text"}; a contact's own
-- firstName, lastName and customFields replace them on the same name (domain.AssistantVariables).
ALTER TABLE campaigns ADD COLUMN variables jsonb NOT NULL DEFAULT '{}'::jsonb;
