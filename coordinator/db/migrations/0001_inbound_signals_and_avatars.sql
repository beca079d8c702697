ALTER TABLE `conversations` ADD `waiting_source` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `resolved_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `last_resolved_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `avatar_key` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `time_source` text DEFAULT 'meta' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `media` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Conversations resolved before this migration: their last change is the best known resolution time.
UPDATE `conversations` SET `resolved_at` = `updated_at`, `last_resolved_at` = `updated_at` WHERE `status` = 'resolved';--> statement-breakpoint
UPDATE `conversations` SET `waiting_source` = 'message' WHERE `waiting_since` IS NOT NULL;
