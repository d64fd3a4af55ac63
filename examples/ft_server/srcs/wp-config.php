<?php
/**
 * WordPress configuration for ft_server.
 *
 * The database and the user come from srcs/init.sql. Replace the keys and salts below with your own
 * values (https://api.wordpress.org/secret-key/1.1/salt/ makes a fresh set) before you publish the image.
 */

define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', 'wp-pass-change-me' );
define( 'DB_HOST', 'localhost' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

define( 'AUTH_KEY',         'ft_server-auth-key-3f9c2e7a51d84b06' );
define( 'SECURE_AUTH_KEY',  'ft_server-secure-auth-key-8b1d4c6e2a7f9035' );
define( 'LOGGED_IN_KEY',    'ft_server-logged-in-key-5e2a9d7c3b1f8406' );
define( 'NONCE_KEY',        'ft_server-nonce-key-a7c3e1f9d5b20864' );
define( 'AUTH_SALT',        'ft_server-auth-salt-2d8f6b4a9c1e7350' );
define( 'SECURE_AUTH_SALT', 'ft_server-secure-auth-salt-9e5c1a7d3f2b8640' );
define( 'LOGGED_IN_SALT',   'ft_server-logged-in-salt-4b7e2c9a1d6f3085' );
define( 'NONCE_SALT',       'ft_server-nonce-salt-c1f8a3e6b9d24750' );

$table_prefix = 'wp_';

define( 'WP_DEBUG', false );

/* The site is reached through https://localhost/wordpress/. */
if ( isset( $_SERVER['HTTP_X_FORWARDED_PROTO'] ) && 'https' === $_SERVER['HTTP_X_FORWARDED_PROTO'] ) {
	$_SERVER['HTTPS'] = 'on';
}

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

require_once ABSPATH . 'wp-settings.php';
