DROP INDEX `automatic_one_per_episode`;--> statement-breakpoint
ALTER TABLE `automatic_messages` ADD `send_after` integer;--> statement-breakpoint
ALTER TABLE `automatic_messages` ADD `agent_id` text;--> statement-breakpoint
ALTER TABLE `automatic_messages` ADD `answer` integer;--> statement-breakpoint
ALTER TABLE `automatic_messages` ADD `answered_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `automatic_one_per_episode_kind` ON `automatic_messages` (`conversation_id`,`episode`,`kind`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `question` text;