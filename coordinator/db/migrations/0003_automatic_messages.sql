CREATE TABLE `automatic_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`episode` integer NOT NULL,
	`episode_started_at` integer NOT NULL,
	`device_id` text,
	`lease_until` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`reason` text,
	`wa_message_id` text,
	`reported_by` text,
	`reported_outcome` text,
	`created_at` integer NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `automatic_one_per_episode` ON `automatic_messages` (`conversation_id`,`episode`);--> statement-breakpoint
CREATE INDEX `automatic_workspace_status` ON `automatic_messages` (`workspace_id`,`status`);--> statement-breakpoint
CREATE INDEX `automatic_due` ON `automatic_messages` (`status`,`lease_until`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `automatic` text;