CREATE TABLE `web_sign_ins` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`specialist_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`specialist_id`) REFERENCES `specialists`(`id`) ON UPDATE no action ON DELETE no action
);
