module.exports = require('../../tools/webpack/service.config.cjs')('users');
