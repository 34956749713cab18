// tsyringe needs the Reflect metadata polyfill before anything imports it.
import 'reflect-metadata';
