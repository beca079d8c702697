DROP INDEX `conversations_assignee`;--> statement-breakpoint
CREATE INDEX `conversations_held` ON `conversations` (`workspace_id`,`assignee_id`) WHERE status in ('open', 'pending');