-- WordPress database and user. Every statement is idempotent, because start.sh runs this file
-- each time the container starts.
CREATE DATABASE IF NOT EXISTS wordpress
    CHARACTER SET utf8mb4
    COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wp-pass-change-me';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';

-- phpMyAdmin logs in with the same account; it sees only the wordpress database.
FLUSH PRIVILEGES;
