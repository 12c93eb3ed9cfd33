ALTER TABLE `cases` ADD `channel` text DEFAULT 'telegram' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `ticket_no` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `recorded_by` text REFERENCES specialists(id);--> statement-breakpoint
ALTER TABLE `cases` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `contact_phone` text;--> statement-breakpoint
CREATE UNIQUE INDEX `cases_ticket_no` ON `cases` (`ticket_no`) WHERE ticket_no IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_contact_phone` ON `cases` (`contact_phone`) WHERE contact_phone IS NOT NULL;