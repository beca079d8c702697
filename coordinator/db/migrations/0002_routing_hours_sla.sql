CREATE TABLE `workspace_hours` (
	`workspace_id` text NOT NULL,
	`effective_from` integer NOT NULL,
	`hours` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspace_hours_from` ON `workspace_hours` (`workspace_id`,`effective_from`);--> statement-breakpoint
ALTER TABLE `agents` ADD `last_assigned_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `assigned_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `last_agent_id` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `after_hours` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `route_after` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `triage` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `language` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `episode_started_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_reply_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_response_due_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `next_response_due_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `resolution_due_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `sla_breaches` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `sla_check_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `no_reply_notified_at` integer;--> statement-breakpoint
CREATE INDEX `conversations_assignee` ON `conversations` (`workspace_id`,`assignee_id`);--> statement-breakpoint
CREATE INDEX `conversations_sla_check` ON `conversations` (`sla_check_at`);--> statement-breakpoint
CREATE INDEX `conversations_route_after` ON `conversations` (`route_after`);--> statement-breakpoint
ALTER TABLE `messages` ADD `automatic` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `routing` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `sla` text;