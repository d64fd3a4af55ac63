#!/bin/bash
# Container entry point: prepares the services, then hands PID 1 to nginx.
set -euo pipefail

SITE=/etc/nginx/sites-available/ft_server

# Autoindex switch: AUTOINDEX=on (default) or AUTOINDEX=off.
case "${AUTOINDEX:-on}" in
    off) sed -i 's/autoindex on;/autoindex off;/' "$SITE" ;;
    on)  sed -i 's/autoindex off;/autoindex on;/' "$SITE" ;;
    *)   echo "AUTOINDEX must be 'on' or 'off', not '${AUTOINDEX}'" >&2; exit 1 ;;
esac
echo "autoindex: ${AUTOINDEX:-on}"

# MariaDB: start it, then create the WordPress database and user (safe to run on every start).
service mariadb start
mariadb < /usr/local/share/ft_server/init.sql

# php-fpm listens on /run/php/php8.2-fpm.sock, which nginx.conf points at.
service php8.2-fpm start

nginx -t
exec nginx -g 'daemon off;'
