/** placeholder entry; replaced by the CLI work */
console.log('kiln');
