-- The tables of a Morgue database (the shape of etsy/morgue's schema and
-- its migrations), written for Hindsight's import test.
CREATE TABLE postmortems (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title varchar(255) NOT NULL,
  summary longtext NOT NULL,
  starttime int unsigned NOT NULL,
  endtime int unsigned NOT NULL,
  statustime int unsigned NOT NULL,
  detecttime int unsigned NOT NULL,
  severity int unsigned NOT NULL,
  gcal text,
  contact varchar(255) DEFAULT '',
  facilitator varchar(255) NOT NULL DEFAULT '',
  facilitator_email varchar(255) NOT NULL DEFAULT '',
  tldr longtext NOT NULL,
  why_surprised text NOT NULL,
  meeting_notes_link varchar(255) NOT NULL DEFAULT '',
  subsystem varchar(50) NOT NULL DEFAULT '',
  owner_team varchar(50) NOT NULL DEFAULT '',
  problem_type varchar(50) NOT NULL DEFAULT '',
  impact_type varchar(50) NOT NULL DEFAULT '',
  incident_cause varchar(50) NOT NULL DEFAULT '',
  deleted tinyint NOT NULL DEFAULT 0
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE tags (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title varchar(255) NOT NULL,
  deleted tinyint NOT NULL DEFAULT 0
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE postmortem_referenced_tags (
  postmortem_id bigint NOT NULL,
  tag_id bigint NOT NULL,
  deleted tinyint NOT NULL DEFAULT 0,
  PRIMARY KEY (postmortem_id, tag_id)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE postmortem_history (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  postmortem_id bigint NOT NULL,
  auth_username varchar(128) NOT NULL,
  action varchar(32) NOT NULL,
  create_date int unsigned NOT NULL
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE images (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  postmortem_id bigint NOT NULL,
  image_link varchar(255) NOT NULL,
  deleted tinyint NOT NULL DEFAULT 0
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE irc (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  postmortem_id bigint NOT NULL,
  channel varchar(50) NOT NULL,
  deleted tinyint NOT NULL DEFAULT 0
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE jira (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  postmortem_id bigint NOT NULL,
  ticket varchar(50) NOT NULL,
  deleted tinyint NOT NULL DEFAULT 0
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE forum_links (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  postmortem_id bigint NOT NULL,
  forum_link varchar(255) NOT NULL,
  comment text,
  deleted tinyint NOT NULL DEFAULT 0
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE slack (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  postmortem_id bigint NOT NULL,
  channel_id varchar(10) NOT NULL,
  channel_name varchar(50) NOT NULL,
  message mediumblob,
  deleted tinyint NOT NULL DEFAULT 0
) DEFAULT CHARSET=utf8mb4;
